<#-- lottery.won (en), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Lottery: you have a seat in ${(course.name)!""}</#assign>
<@t.hello/>

The seats in the course <@t.coursePhrase c=course!{}/> have been drawn by lot, and you have a seat.

<@t.courseFacts/>

<@t.payment/>

<@t.statusLink/>

<@t.signoffLink/>

<@t.footer/>
