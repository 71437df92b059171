<#-- lottery.waiting (en), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Lottery: waiting list for ${(course.name)!""}</#assign>
<@t.hello/>

The seats in the course <@t.coursePhrase c=course!{}/> have been drawn by lot. This time you did not get a seat; you are on the waiting list and will hear from us as soon as a seat becomes free for you.

<@t.waitingPlace/>

<@t.courseFacts/>

<@t.feeLine/>

<@t.statusLink/>

<@t.footer/>
