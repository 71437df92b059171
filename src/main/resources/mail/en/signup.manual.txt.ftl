<#-- signup.manual (en), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Signup received: ${(course.name)!""}</#assign>
<@t.hello/>

We have received your signup for the course <@t.coursePhrase c=course!{}/>. The course team assigns the seats in this course itself; your signup is on its list. You will hear from us as soon as your seat is decided.

<@t.courseFacts/>

<@t.feeLine/>

<@t.statusLink/>

<@t.footer/>
